/** Types for scripts/manifest/xml.js (the add-in manifest as a tree of elements, read with saxes). */
export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  local: string;
  /** Namespace URI, or null when none applies. */
  ns: string | null;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text content directly inside the element (entities decoded). */
  text: string;
  line: number;
  /** Prefix → namespace URI in scope ("" = default namespace). */
  scope: Record<string, string>;
}

export class XmlError extends Error {
  line: number;
  column: number;
}

export function parseXml(text: string): XmlElement;
export function descendants(element: XmlElement): XmlElement[];
export function child(element: XmlElement | undefined, local: string): XmlElement | undefined;
export function childrenNamed(element: XmlElement | undefined, local: string): XmlElement[];
