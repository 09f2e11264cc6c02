// The first path segment of every page is its language: /en/… or /es/… (see src/lib/core/lang.ts).
import { isLang, type Lang } from '$lib/core/lang.ts';

export const match = (param: string): param is Lang => isLang(param);
