/**
 * The report layer: the model commands build and the renderer that turns it into text.
 */
export type {
  Cell,
  Column,
  Format,
  KeyValueItem,
  KeyValueSection,
  Label,
  Lang,
  RenderOptions,
  Report,
  Section,
  TableSection,
  Unit,
  ValueKind,
} from './model.js';
export { formatValue, sectionTitle, headerText, isNumericKind, JSON_FRACTION_DECIMALS, MISSING, type FormatValueOptions } from './format.js';
export { csvField } from './csv.js';
export { jsonValue } from './json.js';
export { mdCell } from './markdown.js';
export { render } from './render.js';
export { displayWidth, padDisplay, type Align } from './width.js';
