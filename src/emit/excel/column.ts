/** The columns of a sheet: shared by the workbook writer and the print layout. */

/** How a column's cells are stored and shown. */
export type ColumnKind =
  /** Catalog text: a text cell in a text-formatted (`@`) column, wrapped. */
  | 'text'
  /** A code (basic, implementation, region, credit code): text, never a number, not wrapped. */
  | 'code'
  /** A count or a time-limit value: a number. */
  | 'number'
  /** A relative hyperlink `{ text, link }`. */
  | 'link';

export interface Column {
  header: string;
  kind: ColumnKind;
  /** Fixed width in characters; computed from the content when absent (not for streamed sheets). */
  width?: number;
  /** Widest a computed width may get; longer text wraps. */
  maxWidth?: number;
  /**
   * For the sheet's own users, not for the printed directory (source file, links): such columns
   * come last and are left out of the print area.
   */
  internal?: boolean;
  /** The values a cell may hold: a drop-down list (data validation) when the sheet is editable. */
  choices?: readonly string[];
}
