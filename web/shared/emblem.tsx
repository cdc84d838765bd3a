/** The brand mark: a gold five-pointed star on the Front's red, drawn inline so it costs no request. */
export function Emblem({ size = 40 }: { size?: number }) {
  return (
    <svg className="emblem" width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <circle cx="20" cy="20" r="19" fill="#b3181e" stroke="#f2c230" strokeWidth="2" />
      <path fill="#f2c230" d="M20 7.5l3.09 9.51h10l-8.09 5.88 3.09 9.51L20 26.52l-8.09 5.88 3.09-9.51-8.09-5.88h10z" />
    </svg>
  );
}
