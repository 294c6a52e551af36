import type { Translate } from "../i18n/translate";
import { SEGMENT_FIELDS, type BuiltinSegmentField } from "./types";

const isBuiltin = (field: string): field is BuiltinSegmentField => SEGMENT_FIELDS.some((f) => f === field);

/** A segment field's name in the reader's language; a custom property (`prop:plan`) is named by its key, which has no catalogue entry. */
export function segmentFieldLabel(t: Translate, field: string): string {
  return isBuiltin(field) ? t(`funnels.filters.fields.${field}`) : field.replace(/^prop:/, "");
}
