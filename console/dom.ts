/** A small element builder: attributes (on… are listeners) and children, text escaped by the DOM itself. */
export type Child = Node | string | number | null | undefined | false;

export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | EventListener | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
};

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and children. */
export const s = (tag: string, attributes: Record<string, string | number> = {}, ...children: Child[]): SVGElement => {
  const element = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  append(element, children);
  return element;
};

const append = (parent: Element, children: Child[]) => {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'object' ? child : String(child));
  }
};

/** Replaces an element's content. */
export const replace = (parent: Element, ...children: Child[]) => {
  parent.replaceChildren();
  append(parent, children);
};
