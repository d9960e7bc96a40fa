/** Types for scripts/make-icons.js (the add-in's icons, drawn and PNG-encoded without an image library). */
export const ICONS: Record<string, number>;
export function drawIcon(size: number): Buffer;
export function encodePng(width: number, height: number, rgba: Buffer): Buffer;
export function renderAll(): Record<string, Buffer>;
