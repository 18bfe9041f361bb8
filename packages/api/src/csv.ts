import { inertCsvText } from '@concord/domain';
import { stringify, type Input, type Options } from 'csv-stringify/sync';

/**
 * The one way Concord writes a CSV for people to open. Every text cell is made inert for spreadsheets
 * (`inertCsvText`: a cell starting `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe and is
 * quoted); numbers are written as numbers. Nothing else in the API imports csv-stringify.
 */
export function writeCsv(records: Input, options: Omit<Options, 'cast'> = {}): string {
  return stringify(records, {
    ...options,
    cast: {
      string: (value) => {
        const inert = inertCsvText(value);
        return inert === value ? value : { value: inert, quoted: true };
      },
    },
  });
}
