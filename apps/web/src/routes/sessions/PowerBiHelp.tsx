/** How a BI tool reads Concord with a personal API token: the read API's address and the header to send. */
export function PowerBiHelp({ token }: { token?: string }) {
  const origin = window.location.origin;
  return (
    <>
      <h2 className="govuk-heading-m">Using a token in Power BI</h2>
      <ol className="govuk-list govuk-list--number">
        <li>In Power BI Desktop, choose Get data, then Web.</li>
        <li>Choose Advanced.</li>
        <li>
          For the URL, enter an address of the read API, for example <code data-testid="api-url">{`${origin}/api/v1/kpis`}</code> (KPI definitions),{' '}
          <code>{`${origin}/api/v1/returns`}</code> (your returns) or <code>{`${origin}/api/v1/benchmark?partnershipId=…&kpiCode=…`}</code> (benchmark results).
        </li>
        <li>
          Under HTTP request header parameters, enter <code>Authorization</code> and the value <code>{`Bearer ${token ?? '<your token>'}`}</code>.
        </li>
        <li>When Power BI asks how to connect, choose Anonymous: the token in the header signs you in.</li>
      </ol>
      <p className="govuk-body">
        The read API is described for other tools (such as Excel) at <code>{`${origin}/api/v1/openapi.json`}</code>. A token reads what you can read
        in the authority you made it for, with partners’ consent and small-number suppression applied as on this site. It cannot change anything.
      </p>
    </>
  );
}
