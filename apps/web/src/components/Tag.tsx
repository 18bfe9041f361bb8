import type { ReactNode } from 'react';

export type TagColour = 'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

/** GOV.UK tag: a status, not a link or button. */
export function Tag({ children, colour, className, testId }: { children: ReactNode; colour?: TagColour; className?: string; testId?: string }) {
  return (
    <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}${className ? ` ${className}` : ''}`} data-testid={testId}>
      {children}
    </strong>
  );
}
