import { ErrorSummary } from './ErrorSummary.tsx';
import { useDownload, type ApiFile } from '../download.ts';

/**
 * A row of download buttons, one per format ("Download CSV", or the label given), which ask the API for the
 * file and save it; the buttons wait while one is made, and a failure is shown above them.
 */
export function DownloadButtons<Format extends string>({
  formats,
  make,
  labels,
  testIdPrefix,
  className = '',
}: {
  formats: readonly Format[];
  make: (format: Format) => Promise<ApiFile>;
  labels?: Partial<Record<Format, string>>;
  testIdPrefix?: string;
  className?: string;
}) {
  const { busy, problem, download } = useDownload<Format>();
  return (
    <>
      {problem && <ErrorSummary errors={[{ text: `The file could not be made: ${problem}` }]} />}
      <div className={`govuk-button-group ${className}`.trim()}>
        {formats.map((format) => (
          <button
            key={format}
            type="button"
            className="govuk-button govuk-button--secondary"
            disabled={busy !== null}
            onClick={() => void download(format, () => make(format))}
            data-testid={testIdPrefix ? `${testIdPrefix}${format}` : undefined}
          >
            {labels?.[format] ?? `Download ${format.toUpperCase()}`}
          </button>
        ))}
      </div>
    </>
  );
}
