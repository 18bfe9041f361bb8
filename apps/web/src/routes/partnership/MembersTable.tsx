import { Table, type Column } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { formatNumber } from '../../format.ts';
import { authorityKindLabel } from '../../labels.ts';
import type { Partnership } from '../../trpc.ts';

type Member = Partnership['members'][number];

/** A partnership's members: name (with "Lead" tag), GSS code, kind, population; optionally region and source. */
export function MembersTable({
  caption,
  captionSize,
  members,
  detailed = false,
}: {
  caption: string;
  captionSize?: 's' | 'm' | 'l';
  members: Member[];
  detailed?: boolean;
}) {
  const columns: Column<Member>[] = [
    {
      header: 'Authority',
      rowHeader: true,
      cell: (m) => (
        <>
          {m.name}
          {m.isLead && (
            <Tag colour="blue" className="concord-inline-tag" testId="lead-tag">
              Lead
            </Tag>
          )}
        </>
      ),
    },
    { header: 'GSS code', cell: (m) => m.id },
    { header: 'Kind', cell: (m) => authorityKindLabel(m.kind) },
    ...(detailed ? [{ header: 'Region', cell: (m: Member) => m.region }] : []),
    {
      header: 'Population',
      numeric: true,
      cell: (m) => (m.population ? `${formatNumber(m.population.value)} (${m.population.year})` : 'Not known'),
    },
    ...(detailed ? [{ header: 'Source', cell: (m: Member) => m.population?.source ?? 'Not known' }] : []),
  ];
  return <Table caption={caption} captionSize={captionSize} columns={columns} rows={members} rowKey={(m) => m.id} rowTestId="member" small />;
}
