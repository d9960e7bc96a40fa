/**
 * The demo viewer's drawing rules that mirror Excel: numbers too wide for their column show as #####, rows take the
 * heights the sheet gives them and rows hidden by a filter take none.
 */
import fc from "fast-check";
import { CELL_PADDING, textWidth } from "excel-sim";
import { cellText } from "../../demo/cellText";
import { RowGeometry } from "../../demo/rowGeometry";

describe("cellText", () => {
  test("a number that fits is drawn as formatted; one that does not, as # signs within the cell", () => {
    const money = "£8,911,407.90";
    const fits = textWidth(money) + CELL_PADDING;
    expect(cellText(money, true, fits)).toBe(money);
    const narrow = cellText(money, true, fits - 1);
    expect(narrow).toMatch(/^#+$/);
    expect(textWidth(narrow) + CELL_PADDING).toBeLessThanOrEqual(fits - 1);
    expect(cellText(money, false, 10)).toBe(money);
    expect(cellText(money, true, 14, 14, true)).toMatch(/^#+$/);
  });
});

describe("RowGeometry", () => {
  test("tops follow the heights and hidden rows; rowAt finds the row drawn at a point", () => {
    const g = new RowGeometry(10, 20, new Map([[2, 40]]), new Set([5]));
    expect([0, 1, 2, 3, 4, 5, 6].map((r) => g.top(r))).toEqual([0, 20, 40, 80, 100, 120, 120]);
    expect(g.height(5)).toBe(0);
    expect(g.total()).toBe(200 + 20 - 20);
    expect(g.rowAt(85)).toBe(3);
    expect(g.rowAt(120)).toBe(6);
    expect(g.rowAt(10_000)).toBe(9);
  });

  test("property: tops are the running sum of heights, and rowAt inverts top for every visible row", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.tuple(fc.nat(70), fc.integer({ min: 1, max: 90 }))),
        fc.array(fc.nat(70)),
        (count, sized, hiddenList) => {
          const heights = new Map(sized);
          const hidden = new Set(hiddenList);
          const g = new RowGeometry(count, 20, heights, hidden);
          let y = 0;
          for (let r = 0; r < count; r++) {
            expect(g.top(r)).toBe(y);
            const h = hidden.has(r) ? 0 : (heights.get(r) ?? 20);
            expect(g.height(r)).toBe(h);
            if (h > 0) {
              expect(g.rowAt(y)).toBe(r);
              expect(g.rowAt(y + h - 0.5)).toBe(r);
            }
            y += h;
          }
          expect(g.total()).toBe(y);
        },
      ),
    );
  });
});
