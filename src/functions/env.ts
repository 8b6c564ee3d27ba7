import { dateText } from './args';

/**
 * What a custom function may need from its host. In Apps Script the adapter
 * supplies the spreadsheet's time zone; elsewhere (tests, the playground)
 * dates are read by their local calendar fields.
 */
export interface FunctionEnv {
  /** yyyy-mm-dd of a date cell, in the spreadsheet's time zone. */
  dateText(d: Date): string;
}

export const defaultEnv: FunctionEnv = { dateText };
