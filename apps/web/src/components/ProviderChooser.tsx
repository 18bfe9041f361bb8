import accessibleAutocomplete from 'accessible-autocomplete';
import 'accessible-autocomplete/dist/accessible-autocomplete.min.css';
import { useEffect, useRef } from 'react';
import { trpcClient, type RouterOutputs } from '../trpc.ts';
import { FieldGroup, fieldIds } from './FieldGroup.tsx';

type Provider = RouterOutputs['provider']['list']['providers'][number];

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const describe = (p: Provider) => (p.companiesHouseNumber ? `${p.legalName} (${p.companiesHouseNumber})` : p.legalName);

interface ProviderChooserProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** The chosen provider's id, or ''. */
  value: string;
  onChange: (providerId: string) => void;
}

/**
 * Choosing one provider from a register of thousands: alphagov's accessible autocomplete over the server's
 * search (name, Companies House number or CQC ID), twenty suggestions at a time, never the whole register.
 * Typing after a choice clears it until a suggestion is chosen again.
 */
export function ProviderChooser({ id, label, hint, error, value, onChange }: ProviderChooserProps) {
  const container = useRef<HTMLDivElement>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const { describedBy } = fieldIds(id, hint, error);

  useEffect(() => {
    const element = container.current;
    if (!element || element.childElementCount > 0) return;
    let asked = 0;
    accessibleAutocomplete<Provider>({
      element,
      id,
      minLength: 2,
      showNoOptionsFound: true,
      confirmOnBlur: false,
      source: (query, populate) => {
        const mine = ++asked;
        trpcClient.provider.list
          .query({ search: query, limit: 20 })
          .then((page) => mine === asked && populate(page.providers))
          .catch(() => mine === asked && populate([]));
      },
      onConfirm: (chosen) => chosen && changed.current(chosen.id),
      templates: {
        inputValue: (p) => (p ? p.legalName : ''),
        // The library writes suggestions as HTML: names are escaped.
        suggestion: (p) => escapeHtml(typeof p === 'string' ? p : describe(p)),
      },
      tNoResults: () => 'No provider in the register matches',
      tAssistiveHint: () => 'Type at least two letters of the name, or the Companies House number, then use the up and down arrows to choose',
    });
    const input = element.querySelector('input');
    input?.addEventListener('input', () => changed.current(''));
  }, [id]);

  useEffect(() => {
    const input = container.current?.querySelector('input');
    if (!input) return;
    if (describedBy) input.setAttribute('aria-describedby', describedBy);
    else input.removeAttribute('aria-describedby');
    input.classList.toggle('autocomplete__input--error', Boolean(error));
    input.classList.toggle('govuk-input--error', Boolean(error));
  }, [describedBy, error, value]);

  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      <div ref={container} className="concord-autocomplete" data-testid={`${id}-chooser`} />
    </FieldGroup>
  );
}
