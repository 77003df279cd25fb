/**
 * How many of a day's busiest addresses `topClientDownloads` covers (the integrity concentration signal). A
 * module of its own so the dashboard can name it without bundling the counting rules (and their robot lists).
 */
export const TOP_CLIENTS = 3
