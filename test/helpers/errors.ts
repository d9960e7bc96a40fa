/**
 * `thrownBy(fn, ErrorClass)` runs `fn` and returns the error it threw, typed as `ErrorClass`, so a test can assert on
 * its message, code or rows. A different error is rethrown (the test fails with it); no error at all fails too.
 * Example: `expect(thrownBy(() => parseCsv("a\n\"b"), CsvError).row).toBe(2)`.
 */
export function thrownBy<E extends Error>(fn: () => unknown, errorClass: new (...args: never[]) => E): E {
  try {
    fn();
  } catch (e) {
    if (e instanceof errorClass) return e;
    throw e;
  }
  throw new Error(`expected a ${errorClass.name}`);
}
