import { CQC_RATING_LABELS } from '@concord/domain';
import { Tag } from '../../components/Tag.tsx';
import { CQC_RATING_COLOURS, label } from '../../labels.ts';

/** SME and VCSE flags as tags ("None" for a provider that is neither). */
export function ProviderTags({ provider }: { provider: { isSme: boolean; isVcse: boolean } }) {
  if (!provider.isSme && !provider.isVcse) return <span className="govuk-hint govuk-!-margin-bottom-0">Neither SME nor VCSE</span>;
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
