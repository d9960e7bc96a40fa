/**
 * Payload measurement: the UTF-8 byte length of `JSON.stringify(value)`, computed without building the string,
 * so that measuring a 541,909 × 8 read costs one pass over the cells and no large allocation.
 *
 * Excel on the web rejects requests and responses over 5 MB; the payload grows with the number of calls, the
 * number of proxy objects and the length of the values (PERF). The simulation counts each queued command as a fixed
 * overhead plus the JSON length of its arguments, and each loaded property as a fixed overhead plus the JSON length
 * of its value. Example: `jsonBytes([["a", 1], [true, null]])` → 23, the same as the string's length.
 */

// Any character that JSON escapes or that is not ASCII: then the slow, exact path runs.
// eslint-disable-next-line no-control-regex
const NEEDS_CARE = /["\\\u0000-\u001f\u007f-\uffff]/;

function stringBytes(s: string): number {
  if (!NEEDS_CARE.test(s)) return s.length + 2;
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // surrogate pair → one 4-byte code point
      i++;
    } else n += 3;
  }
  return n;
}

function numberBytes(x: number): number {
  if (!Number.isFinite(x)) return 4; // JSON writes null
  // Small integers are the common case (quantities, scores, ids): avoid String().
  if (Number.isInteger(x) && x >= 0 && x < 1e9) {
    return x < 10
      ? 1
      : x < 100
        ? 2
        : x < 1000
          ? 3
          : x < 1e4
            ? 4
            : x < 1e5
              ? 5
              : x < 1e6
                ? 6
                : x < 1e7
                  ? 7
                  : x < 1e8
                    ? 8
                    : 9;
  }
  return String(x).length;
}

/** UTF-8 bytes of JSON.stringify(value); `undefined` inside arrays counts as `null`, like JSON. */
export function jsonBytes(value: unknown): number {
  switch (typeof value) {
    case "string":
      return stringBytes(value);
    case "number":
      return numberBytes(value);
    case "boolean":
      return value ? 4 : 5;
    case "undefined":
      return 4;
    case "object": {
      if (value === null) return 4;
      if (Array.isArray(value)) {
        const n = value.length;
        let total = 2 + (n > 0 ? n - 1 : 0);
        for (let i = 0; i < n; i++) {
          const v = value[i];
          // Inline the flat cases: a 2-D values array is arrays of primitives.
          if (typeof v === "string") total += stringBytes(v);
          else if (typeof v === "number") total += numberBytes(v);
          else total += jsonBytes(v);
        }
        return total;
      }
      if (value instanceof Date) return 26;
      let total = 2;
      let first = true;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined || typeof v === "function") continue;
        total += (first ? 0 : 1) + stringBytes(k) + 1 + jsonBytes(v);
        first = false;
      }
      return total;
    }
    default:
      return 4;
  }
}
