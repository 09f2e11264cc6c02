// /en/train and /es/train, prerendered.
import { langs } from '$lib/core/lang.ts';

export const entries = () => langs.map((lang) => ({ lang }));
