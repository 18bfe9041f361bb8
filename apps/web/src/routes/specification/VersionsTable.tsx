import { Link } from 'react-router';
import { Table } from '../../components/Table.tsx';
import { Tag } from '../../components/Tag.tsx';
import { formatDate } from '../../format.ts';
import { label, SPECIFICATION_STATUS_COLOURS, SPECIFICATION_STATUS_LABELS } from '../../labels.ts';
import type { RouterOutputs } from '../../trpc.ts';

export type Specification = RouterOutputs['specification']['get'];
type Version = Specification['versions'][number];

export const SpecificationStatusTag = ({ status }: { status: string }) => (
  <Tag colour={SPECIFICATION_STATUS_COLOURS[status] ?? 'grey'} testId="version-status">
    {label(SPECIFICATION_STATUS_LABELS, status)}
  </Tag>
);

/** Every version of a specification, newest first: status, when published, and what changed. */
export function VersionsTable({ spec, highlight }: { spec: Specification; highlight?: number | undefined }) {
  const base = `/specifications/${spec.id}`;
  return (
    <Table
      caption="Versions"
      captionSize="s"
      rows={[...spec.versions].reverse()}
      rowKey={(v) => v.id}
      rowTestId="version"
      columns={[
        {
          header: 'Version',
          rowHeader: true,
          cell: (v: Version) => (
            <>
              <Link className="govuk-link" to={`${base}/versions/${v.version}`}>
                Version {v.version}
              </Link>
              {v.version === highlight && (
                <Tag colour="blue" className="concord-inline-tag">
                  Procurement
                </Tag>
              )}
            </>
          ),
        },
        { header: 'Status', cell: (v: Version) => <SpecificationStatusTag status={v.status} /> },
        { header: 'Published', cell: (v: Version) => (v.publishedAt ? <span className="concord-nowrap">{formatDate(v.publishedAt)}</span> : 'Not yet') },
        { header: 'What changed', cell: (v: Version) => v.changeNote ?? '' },
      ]}
    />
  );
}
