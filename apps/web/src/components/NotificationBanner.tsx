import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * GOV.UK notification banner. A success banner confirms something the user just did, so it takes focus
 * (as GOV.UK Frontend's does) and is announced. `children` is the banner's heading; `details` (a list, a link)
 * follows it in the banner's content.
 */
export function NotificationBanner({
  children,
  success = false,
  title,
  details,
  testId,
}: {
  children: ReactNode;
  success?: boolean;
  title?: string;
  details?: ReactNode;
  testId?: string;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (success) ref.current?.focus();
  }, [success]);
  return (
    <div
      ref={ref}
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby={titleId}
      tabIndex={success ? -1 : undefined}
      data-module="govuk-notification-banner"
      data-testid={testId}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title ?? (success ? 'Success' : 'Important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{children}</p>
        {details}
      </div>
    </div>
  );
}
