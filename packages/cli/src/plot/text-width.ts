// Text widths for Vega's layout without a canvas. Vega sizes axes, legends and titles by the
// width of their text; in Node, without the `canvas` package, it guesses 0.8 em per character,
// which is a third wider than the font the plots use (DejaVu Sans, about 0.6 em), so layouts
// came out with wide gaps. These are DejaVu Sans's advance widths in em (rounded up to 0.01),
// by character class; other characters take WIDE_DEFAULT. The tests check the real rendering
// (resvg, with the font) against the image bounds.

const EM: Readonly<Record<string, number>> = {
  ...spread(" ", 0.32),
  ...spread(".,:;!|'`", 0.34),
  ...spread("ijlIJ", 0.3),
  ...spread("()[]{}", 0.4),
  ...spread("frt", 0.42),
  ...spread("-", 0.37),
  ...spread('"_*^', 0.5),
  ...spread("/\\", 0.34),
  ...spread("sczk", 0.58),
  ...spread("abdeghnopquvxy0123456789", 0.64),
  ...spread("ELFPTSYZ", 0.7),
  ...spread("ABCDHKNRUVX", 0.78),
  ...spread("GOQ", 0.79),
  ...spread("mwMW", 0.99),
  ...spread("=+<>~#%&@", 0.84),
};

/** Width in em of a character outside the table (Greek, symbols): as wide as the widest letters. */
const WIDE_DEFAULT = 0.8;

function spread(chars: string, width: number): Record<string, number> {
  return Object.fromEntries([...chars].map((c) => [c, width]));
}

/**
 * How much wider DejaVu Sans Bold sets a text than the regular weight: 1.11 to 1.14 measured
 * with resvg on titles and labels, rounded up.
 */
export const BOLD_FACTOR = 1.15;

/** Width of `text` at `fontSize` pixels in DejaVu Sans (bold: BOLD_FACTOR wider), from the table above. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const c of text) em += EM[c] ?? WIDE_DEFAULT;
  return em * fontSize * (bold ? BOLD_FACTOR : 1);
}
