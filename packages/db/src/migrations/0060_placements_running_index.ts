import { sql, type Kysely } from 'kysely';

/**
 * The placements running on a day, read from the index alone (issue 14, item 1: an index the plans asked for, on the
 * national-scale data of BENCHMARKS.md: 1,004,605 placements of 153 councils).
 *
 * The market views (market.overview, market.view) and the placement list's filter "running on" read an authority's
 * placements running on a day. 0025's placement_start_idx (authority_id, start_date) found them, but each row was then
 * read from the table: an authority's few thousand placements lie on as many pages as rows, spread over the whole table
 * among every other council's (the bench's authority: 6,551 placements on 2,666 pages, 21 MB read for a 234-row
 * answer). This index carries every column those reads use, so they are index-only scans of one contiguous range
 * (the same authority: 102 pages). It replaces placement_start_idx, whose key it starts with.
 *
 * The contract register counts each contract's placements running today, which read each placement of the contract
 * from the table for its dates (145 contracts, 5,667 pages, 60 ms); placement_contract_running_idx carries the dates,
 * so the counts are index-only (431 pages, 8 ms). It replaces 0003's placement_contract_idx (authority_id, contract_id),
 * the contract key's index, with the same key.
 *
 * 119 MB and 54 MB at national scale beside the table's 199 MB; placements change a few times a day per authority.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX placement_running_idx ON placement (authority_id, start_date)
    INCLUDE (end_date, service_type, provider_id, contract_id, in_area, funding_route, weekly_cost_pence, weekly_hours)`.execute(db);
  await sql`DROP INDEX placement_start_idx`.execute(db);
  await sql`CREATE INDEX placement_contract_running_idx ON placement (authority_id, contract_id) INCLUDE (start_date, end_date)`.execute(db);
  await sql`DROP INDEX placement_contract_idx`.execute(db);
}
