import { ErrorSummary } from './ErrorSummary.tsx';
import { Explained } from './Explained.tsx';
import { fileNameOf, useDownload } from '../download.ts';

/** A contracting process as an Open Contracting Data Standard release package, saved as <reference>.ocds.json. */
export function OcdsDownload({ reference, make, testId }: { reference: string; make: () => Promise<unknown>; testId: string }) {
  const { busy, problem, download } = useDownload<'ocds'>();
  return (
    <>
      {problem && <ErrorSummary errors={[{ text: `The OCDS file could not be made: ${problem}` }]} />}
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        data-module="govuk-button"
        onClick={() => void download('ocds', async () => ({ filename: fileNameOf(reference, 'ocds.json'), json: await make() }))}
        disabled={busy !== null}
        data-testid={testId}
      >
        Download OCDS JSON
      </button>
      <Explained term="ocds" />
    </>
  );
}
