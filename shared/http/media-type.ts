// RFC 9110 §8.3.1: media-type = type "/" subtype parameters, with parameters
// *( OWS ";" OWS [ name "=" value ] ), value a token or a quoted string; type, subtype and
// parameter names are case-insensitive, and so is the charset value.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
const PARAMETER = new RegExp(`[ \\t]*;[ \\t]*(?:(${TOKEN})=(${TOKEN}|${QUOTED}))?`, 'guy');
const TYPE_AND_SUBTYPE = new RegExp(`^[ \\t]*(${TOKEN})/(${TOKEN})`, 'u');

export interface MediaType {
  /** type/subtype, lower-cased. */
  essence: string;
  /** Parameter names lower-cased; values unquoted, as sent. */
  parameters: Record<string, string>;
}

/** Parses a Content-Type value as RFC 9110 defines it; undefined when it is not one. */
export const parseMediaType = (value: string): MediaType | undefined => {
  const head = TYPE_AND_SUBTYPE.exec(value);
  if (!head) return undefined;
  const parameters: Record<string, string> = {};
  PARAMETER.lastIndex = head[0].length;
  let end = head[0].length;
  for (let match = PARAMETER.exec(value); match && match[0] !== ''; match = PARAMETER.exec(value)) {
    if (match[1] !== undefined) {
      const raw = match[2]!;
      parameters[match[1].toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/gu, '$1') : raw;
    }
    end = PARAMETER.lastIndex;
  }
  if (!/^[ \t]*$/u.test(value.slice(end))) return undefined;
  return { essence: `${head[1]}/${head[2]}`.toLowerCase(), parameters };
};

/**
 * Whether a Content-Type names JSON: application/json or a structured +json type, in any
 * case, with any parameters, where a charset, if given, is UTF-8 (RFC 8259 allows no other).
 */
export const isJsonMediaType = (value: string | undefined): boolean => {
  // What nearly every client sends, answered without parsing.
  if (value === 'application/json') return true;
  const mediaType = value === undefined ? undefined : parseMediaType(value);
  if (!mediaType) return false;
  const { essence, parameters } = mediaType;
  const json = essence === 'application/json' || /^application\/[^/]+\+json$/u.test(essence);
  return json && (parameters.charset === undefined || parameters.charset.toLowerCase() === 'utf-8');
};
