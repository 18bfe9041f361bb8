import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Table } from '../../components/Table.tsx';
import { formatDate } from '../../format.ts';
import { errorMessage, trpc } from '../../trpc.ts';
import { DIRECTION, UNIT } from './labels.ts';

/** A KPI's versions, newest first, with what changed in each: read when opened. */
export function KpiHistory({ kpiId, code }: { kpiId: string; code: string }) {
  const [open, setOpen] = useState(false);
  const history = useQuery({ ...trpc.kpi.history.queryOptions({ kpiId }), enabled: open });
  return (
    <details className="govuk-details govuk-!-margin-bottom-0 govuk-!-margin-top-2" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          Version history<span className="govuk-visually-hidden"> of {code}</span>
        </span>
      </summary>
      <div className="govuk-details__text" data-testid="kpi-history">
        {history.isError ? <p className="govuk-error-message">{errorMessage(history.error)}</p> : null}
        {history.data ? (
          <Table
            caption={`Versions of ${code}`}
            captionHidden
            small
            rows={history.data}
            rowKey={(v) => v.id}
            rowTestId="kpi-version"
            columns={[
              { header: 'Version', cell: (v) => `v${v.version}`, rowHeader: true },
              { header: 'Saved', cell: (v) => formatDate(v.createdAt) },
              { header: 'What changed', cell: (v) => v.changeNote ?? (v.version === 1 ? 'First version' : '–') },
              { header: 'Definition', cell: (v) => `${v.name}: ${v.definition}` },
              { header: 'Unit and direction', cell: (v) => `${UNIT[v.unit]}, ${DIRECTION[v.direction]?.toLowerCase()}` },
              { header: 'Target', cell: (v) => v.target ?? '–', numeric: true },
            ]}
          />
        ) : open && history.isPending ? (
          <p className="govuk-body-s">Loading…</p>
        ) : null}
      </div>
    </details>
  );
}
