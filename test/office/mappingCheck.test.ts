/**
 * The mapping is checked against the data before anything is written: an error names the column and what was found,
 * and the workbook stays as it was.
 */
import { runSegmentation } from "../../src/office";
import { retailHost, workbookState } from "./helpers";

test("Date mapped to Description: an error naming the column and examples, nothing written", async () => {
  const host = retailHost();
  const before = workbookState(host);
  await expect(runSegmentation({ mapping: { date: "Description" } }, {}, host)).rejects.toThrow(
    /date column "Description" does not hold dates: \d+ of \d+ cells checked .*e\.g\. "/,
  );
  expect(workbookState(host)).toEqual(before);
});

test("Unit price mapped to Country: an error, nothing written", async () => {
  const host = retailHost();
  const before = workbookState(host);
  await expect(runSegmentation({ mapping: { unitPrice: "Country" } }, {}, host)).rejects.toThrow(
    /unit price column "Country" does not hold numbers/,
  );
  expect(workbookState(host)).toEqual(before);
});
