/**
 * Payload measurement: the UTF-8 byte length of `JSON.stringify(value)`, computed without building the string,
 * so that measuring a 541,909 × 8 read costs one pass over the cells and no large allocation.
 *
 * Excel on the web rejects requests and responses over 5 MB; the payload grows with the number of calls, the
 * number of proxy objects and the length of the values (PERF). The simulation counts each queued command as a fixed
 * overhead plus the JSON length of its arguments, and each loaded property as a fixed overhead plus the JSON length
 * of its value. Example: `jsonBytes([["a", 1], [true, null]])` → 23, the same as the string's length.
 */
import { floor, isArray, isFiniteNumber, isInteger, round, toText } from "./fast";

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
    else if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        n += 4; // a surrogate pair is one 4-byte code point
        i++;
      } else n += 6; // JSON.stringify escapes a lone surrogate as \udxxx
    } else n += 3;
  }
  return n;
}

/** Decimal digits of a non-negative integer below 1e16. */
function intDigits(x: number): number {
  let d = 1;
  let p = 10;
  while (x >= p && d < 16) {
    d++;
    p *= 10;
  }
  return d;
}

function numberBytes(x: number): number {
  if (!isFiniteNumber(x)) return 4; // JSON writes null
  // toText(x) costs a shortest-round-trip conversion; prices and quantities have few decimals, so try those first.
  // If round(x·10^d)/10^d === x, the d-decimal string parses back to x: for the smallest such d it is
  // JavaScript's shortest form.
  const neg = x < 0 ? 1 : 0;
  const a = neg ? -x : x;
  if (a < 1e15 && isInteger(a)) return neg + intDigits(a);
  // Below 1e11, a·10^d (d ≤ 4) stays under 2^53 with an error far below 0.5, so the test finds the shortest form.
  if (a >= 1e-6 && a < 1e11) {
    const ip = floor(a);
    for (let d = 1, p = 10; d <= 4; d++, p *= 10) {
      if (round(a * p) / p === a) return neg + intDigits(ip) + 1 + d;
    }
  }
  return toText(x).length;
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
      if (isArray(value)) {
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
