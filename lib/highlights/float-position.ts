// Where a small floating box (the selection toolbar, a highlight's popover) goes next to what it is
// about: centred over it, above when there is room under the sticky toolbar, else below; never off
// either side of its container. All coordinates are in the container's space.

export interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}

export function floatPosition(
  target: Box,
  size: { width: number; height: number },
  container: { width: number },
  opts: { gap?: number; minTop?: number; margin?: number } = {},
): { top: number; left: number; below: boolean } {
  const gap = opts.gap ?? 8;
  const margin = opts.margin ?? 4;
  const minTop = opts.minTop ?? 0;
  const centre = target.left + target.width / 2;
  const maxLeft = Math.max(margin, container.width - size.width - margin);
  const left = Math.min(maxLeft, Math.max(margin, centre - size.width / 2));
  const above = target.top - gap - size.height;
  if (above >= minTop) return { top: above, left, below: false };
  return { top: target.top + target.height + gap, left, below: true };
}
