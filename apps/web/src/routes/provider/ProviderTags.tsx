import { CQC_RATING_LABELS } from '@concord/domain';
import { Tag } from '../../components/Tag.tsx';
import { CQC_RATING_COLOURS, label } from '../../labels.ts';

/** SME and VCSE flags as tags; for a provider that is neither, a dash in a table (`compact`) or words. */
export function ProviderTags({ provider, compact = false }: { provider: { isSme: boolean; isVcse: boolean }; compact?: boolean }) {
  if (!provider.isSme && !provider.isVcse) {
    if (!compact) return <>Neither an SME nor a VCSE</>;
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="govuk-visually-hidden">Neither SME nor VCSE</span>
      </>
    );
  }
  return (
    <div className="concord-tags">
      {provider.isSme && (
        <Tag colour="grey">
          SME<span className="govuk-visually-hidden">: small or medium-sized enterprise</span>
        </Tag>
      )}
      {provider.isVcse && (
        <Tag colour="purple">
          VCSE<span className="govuk-visually-hidden">: voluntary, community or social enterprise</span>
        </Tag>
      )}
    </div>
  );
}

export function RatingTag({ rating }: { rating: string | null }) {
  if (!rating) return <span className="govuk-hint govuk-!-margin-bottom-0">No rating recorded</span>;
  return <Tag colour={CQC_RATING_COLOURS[rating] ?? 'grey'}>{label(CQC_RATING_LABELS, rating)}</Tag>;
}
