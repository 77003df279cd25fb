/**
 * A chart's figures as a table: what a screen reader reads and anyone can choose instead of the picture
 * ("show as table"). The first column holds each row's header (`scope="row"`), the others its values.
 */
export interface ChartTable {
  caption: string
  /** The header of the row-header column, then one per value column. */
  columns: string[]
  rows: { header: string; cells: string[] }[]
}
