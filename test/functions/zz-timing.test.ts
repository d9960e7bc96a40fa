import "./customFunctionsGlobal";
import { column } from "../../src/functions/args";
import { analyzeColumns } from "../../src/functions/transactions";
import { analyze } from "../../src/rfm";
import { loadOnlineRetail } from "../helpers/realData";
test("timing", () => {
  const d = loadOnlineRetail();
  const c = (h: string) => d.columns[d.headers.indexOf(h)];
  const toSerial = (t: string) => {
    const [a, b] = t.split(" ");
    const [y, mo, da] = a.split("-").map(Number);
    const [h, mi, s] = b.split(":").map(Number);
    return (Date.UTC(y, mo - 1, da, h, mi, s) - Date.UTC(1899, 11, 30)) / 86400000;
  };
  const R = (x: unknown[]) => x.map((v) => [v]);
  const serials = c("InvoiceDate").map((v) => toSerial(v as string));
  const args = [
    R(c("CustomerID")),
    R(c("InvoiceNo")),
    R(serials),
    R(c("Quantity")),
    R(c("UnitPrice")),
  ] as unknown[][][];
  const out: string[] = [];
  for (let k = 0; k < 4; k++) {
    let t = performance.now();
    const cols = args.map((a, i) => column(a, "x" + i));
    const t1 = performance.now() - t;
    t = performance.now();
    analyzeColumns({ customers: cols[0], invoices: cols[1], dates: cols[2], quantities: cols[3], prices: cols[4] });
    const t2 = performance.now() - t;
    t = performance.now();
    analyze({
      headers: d.headers,
      columns: d.columns.map((col, i) => (i === d.headers.indexOf("InvoiceDate") ? serials : col)),
    });
    const t3 = performance.now() - t;
    t = performance.now();
    analyze(d);
    const t4 = performance.now() - t;
    out.push(
      `flatten ${t1.toFixed(0)} analyzeColumns ${t2.toFixed(0)} analyze(serials) ${t3.toFixed(0)} analyze(text) ${t4.toFixed(0)}`,
    );
  }
  console.log(out.join("\n"));
});
