// Pan and zoom for the workbench graph: a scale and a translation, fitted to the viewport, moved by
// drag, pinch (two pointers), ctrl+wheel (trackpad pinch) and the toolbar, and kept on the current
// node as the walk moves. Content never leaves the viewport when it is smaller than it.
export class PanZoom {
  scale = $state(1);
  x = $state(0);
  y = $state(0);
  /** Viewport and content sizes (content unscaled). */
  view = $state({ width: 0, height: 0 });
  content = $state({ width: 1, height: 1 });
  readonly #pointers = new Map<number, { x: number; y: number }>();

  /** The whole graph in view. */
  fit() {
    const { width, height } = this.view;
    if (!width || !height) return;
    this.scale = Math.min(1.25, width / this.content.width, height / this.content.height);
    this.clamp();
  }
  /** The scale a viewport of this width shows the content at: fit the width, but stay readable. */
  fitWidth(minScale: number) {
    this.scale = Math.max(minScale, Math.min(1.1, this.view.width / this.content.width));
    this.clamp();
  }

  zoomAt(factor: number, cx = this.view.width / 2, cy = this.view.height / 2) {
    const next = Math.max(0.25, Math.min(3, this.scale * factor));
    const k = next / this.scale;
    this.x = cx - (cx - this.x) * k;
    this.y = cy - (cy - this.y) * k;
    this.scale = next;
    this.clamp();
  }

  /** Keep a content rectangle in view (centred on it when it is out of view). */
  show(box: { x: number; y: number; width: number; height: number }, margin = 16) {
    const s = this.scale;
    const left = this.x + box.x * s;
    const top = this.y + box.y * s;
    if (left < margin || left + box.width * s > this.view.width - margin) this.x = this.view.width / 2 - (box.x + box.width / 2) * s;
    if (top < margin || top + box.height * s > this.view.height - margin) this.y = this.view.height / 2 - (box.y + box.height / 2) * s;
    this.clamp();
  }

  /** Smaller than the viewport: centred; larger: no empty space beyond its edges. */
  clamp() {
    const w = this.content.width * this.scale;
    const h = this.content.height * this.scale;
    this.x = w <= this.view.width ? (this.view.width - w) / 2 : Math.min(0, Math.max(this.view.width - w, this.x));
    this.y = h <= this.view.height ? (this.view.height - h) / 2 : Math.min(0, Math.max(this.view.height - h, this.y));
  }

  down = (event: PointerEvent) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    this.#pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  };
  move = (event: PointerEvent) => {
    const before = this.#pointers.get(event.pointerId);
    if (!before) return;
    const now = { x: event.clientX, y: event.clientY };
    if (this.#pointers.size === 1) {
      if (Math.hypot(now.x - before.x, now.y - before.y) < 1) return;
      (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
      this.x += now.x - before.x;
      this.y += now.y - before.y;
      this.clamp();
    } else if (this.#pointers.size === 2) {
      const other = [...this.#pointers.entries()].find(([id]) => id !== event.pointerId)![1];
      const d0 = Math.hypot(before.x - other.x, before.y - other.y);
      const d1 = Math.hypot(now.x - other.x, now.y - other.y);
      const rect = (event.currentTarget as Element).getBoundingClientRect();
      if (d0 > 0) this.zoomAt(d1 / d0, (now.x + other.x) / 2 - rect.left, (now.y + other.y) / 2 - rect.top);
    }
    this.#pointers.set(event.pointerId, now);
  };
  up = (event: PointerEvent) => {
    this.#pointers.delete(event.pointerId);
  };
  wheel = (event: WheelEvent) => {
    // Plain wheel scrolls the page; ctrl+wheel (and a trackpad pinch) zooms the graph.
    if (!event.ctrlKey) return;
    event.preventDefault();
    const rect = (event.currentTarget as Element).getBoundingClientRect();
    this.zoomAt(Math.exp(-event.deltaY / 300), event.clientX - rect.left, event.clientY - rect.top);
  };
}
