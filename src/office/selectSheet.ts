/**
 * `selectSheet`: brings one of the run's sheets to the front (the result view's links), as clicking its tab would.
 */
import { toActionError } from "./errors";
import { resolveHost, type OfficeHost } from "./host";

/** Activates the sheet named `name`. */
export async function selectSheet(name: string, host?: OfficeHost): Promise<void> {
  const h = resolveHost(host);
  try {
    await h.Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(name);
      sheet.activate();
      await ctx.sync();
    });
  } catch (e) {
    throw toActionError(e, `showing the sheet "${name}"`);
  }
}
