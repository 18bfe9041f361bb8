import { expiryStatus } from '@concord/domain/provider-documents';
import { longDate } from '@concord/domain';
import { Tag } from '../../../components/Tag.tsx';

/** A document's expiry in words, with a tag when it has expired or expires within 30 days. */
export function ExpiryTag({ expiresOn, today }: { expiresOn: string | null; today: string }) {
  if (!expiresOn) return <>No expiry</>;
  const status = expiryStatus(expiresOn, today);
  return (
    <>
      {longDate(expiresOn)}
      {status.text && (
        <>
          <br />
          <Tag colour={status.state === 'expired' ? 'red' : 'orange'} testId="expiry-tag">
            {status.text}
          </Tag>
        </>
      )}
    </>
  );
}
