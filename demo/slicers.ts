/**
 * The demo viewer's slicers, drawn where the add-in placed them and usable as in Excel: a caption, a "Clear filter"
 * button and one button per item. Clicking an item selects only it; Ctrl (or Cmd) + click adds or removes it; the
 * clear button shows everything again. The selection filters the slicer's table column in the simulated workbook
 * (`selectSlicerItemsAsUser`), so formulas that follow the table's filters change when the view redraws.
 *
 * Each slicer is a `figure.wb-slicer` with `data-caption`; items are `button.wb-slicer-item` with `aria-pressed`.
 */
import { selectSlicerItemsAsUser, slicerItemKeys, type SlicerModel } from "excel-sim";

/* global document, MouseEvent */

/** Points → CSS pixels (as the viewer). */
const PX = 4 / 3;

/** The slicer's elements; `changed` is called after a click changed its selection. */
export function slicerElement(s: SlicerModel, topOffsetPx: number, changed: () => void): HTMLElement {
  const box = document.createElement("figure");
  box.className = "wb-slicer";
  box.dataset.caption = s.caption;
  box.style.left = `${Math.round(s.left * PX)}px`;
  box.style.top = `${Math.max(0, Math.round(s.top * PX) - topOffsetPx)}px`;
  box.style.width = `${Math.max(120, Math.round(s.width * PX))}px`;
  box.style.height = `${Math.max(80, Math.round(s.height * PX))}px`;
  const head = document.createElement("figcaption");
  head.textContent = s.caption;
  const clear = document.createElement("button");
  clear.type = "button";
  clear.className = "wb-slicer-clear";
  clear.textContent = "×";
  clear.title = "Clear filter";
  clear.setAttribute("aria-label", `Clear filter (${s.caption})`);
  clear.disabled = s.selected === null;
  clear.addEventListener("click", () => {
    selectSlicerItemsAsUser(s, null);
    changed();
  });
  head.append(clear);
  const list = document.createElement("div");
  list.className = "wb-slicer-items";
  list.setAttribute("role", "group");
  list.setAttribute("aria-label", s.caption);
  for (const key of slicerItemKeys(s)) {
    const item = document.createElement("button");
    item.type = "button";
    item.className = "wb-slicer-item";
    item.textContent = key;
    const on = s.selected === null || s.selected.includes(key);
    item.setAttribute("aria-pressed", String(on));
    item.addEventListener("click", (e: MouseEvent) => {
      const current = s.selected ?? slicerItemKeys(s);
      let next: string[];
      if (e.ctrlKey || e.metaKey) {
        next = current.includes(key) ? current.filter((k) => k !== key) : [...current, key];
        // Excel keeps at least one item selected.
        if (next.length === 0) return;
      } else next = [key];
      selectSlicerItemsAsUser(s, next);
      changed();
    });
    list.append(item);
  }
  box.append(head, list);
  return box;
}
