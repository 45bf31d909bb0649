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
export {
  csvField,
  formatValue,
  sectionTitle,
  headerText,
  isNumericKind,
  JSON_FRACTION_DECIMALS,
  jsonValue,
  mdCell,
  MISSING,
  render,
  type FormatValueOptions,
} from './render.js';
export { displayWidth, padDisplay, type Align } from './width.js';
