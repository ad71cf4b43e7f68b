import { readFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { RESVG_FONTS } from "../plot/render";
import { PLOT_CONFIG } from "../plot/style";

// Test support (not shipped): read back what --plot wrote and check it is what it claims to be.

/** An SVG file read back: its text, size, and every text node (entities decoded). */
export interface SvgFile {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly texts: readonly string[];
}

/** Parse an SVG as XML (throws on malformed XML), check its <svg> root has a width and a height. */
export function readSvg(file: string): SvgFile {
  const svg = readFileSync(file, "utf8");
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`${file} is not well-formed XML: ${JSON.stringify(valid.err)}`);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(svg);
  const root = doc.svg as { width?: string; height?: string; xmlns?: string } | undefined;
  if (root === undefined) throw new Error(`${file}: the root element is not <svg>`);
  if (root.xmlns !== "http://www.w3.org/2000/svg")
    throw new Error(`${file}: <svg> without the SVG namespace`);
  const width = Number(root.width);
  const height = Number(root.height);
  if (!(width > 0 && height > 0)) throw new Error(`${file}: <svg> without a positive width and height`);
  const texts = [...svg.matchAll(/>([^<>]+)</g)].map((m) => decode(m[1]));
  return { svg, width, height, texts };
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** The eight bytes every PNG starts with (PNG specification, section 5.2). */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Check the PNG signature and read the image size from the IHDR chunk, which must come first. */
export function readPng(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  if (!PNG_SIGNATURE.every((b, k) => bytes[k] === b)) throw new Error(`${file}: no PNG signature`);
  // After the signature: a chunk's 4-byte length, then its 4-byte type, then its data.
  if (bytes.toString("latin1", 12, 16) !== "IHDR") throw new Error(`${file}: the first chunk is not IHDR`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * The bounding box of everything an SVG draws, as resvg renders it with the system fonts (the
 * real glyphs, not an estimate), unclipped by the image; the full-image background rectangle
 * Vega draws first is left out, since it always fits.
 */
export function drawnBox(svg: string): { x1: number; y1: number; x2: number; y2: number } {
  const withoutBackground = svg.replace(/<rect width="[\d.]+" height="[\d.]+" fill="white"\/>/, "");
  const box = new Resvg(withoutBackground, { font: RESVG_FONTS }).getBBox();
  if (box === undefined) throw new Error("resvg found nothing drawn");
  return { x1: box.x, y1: box.y, x2: box.x + box.width, y2: box.y + box.height };
}

/**
 * Least distance a drawing keeps from the image's edges: half the padding Vega lays out around
 * it (PLOT_CONFIG.padding), so that a text whose width the layout underestimated shows up even
 * when it still ends inside the image.
 */
export const EDGE_MARGIN = PLOT_CONFIG.padding / 2;

/** Whether a box lies within an image of the given size, EDGE_MARGIN away from its edges. */
export function inside(
  box: { x1: number; y1: number; x2: number; y2: number },
  size: { width: number; height: number },
): boolean {
  const m = EDGE_MARGIN;
  return box.x1 >= m && box.y1 >= m && box.x2 <= size.width - m && box.y2 <= size.height - m;
}
