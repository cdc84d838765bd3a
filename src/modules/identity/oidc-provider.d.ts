// oidc-provider ships no type declarations; the parts this module uses are typed where they are called.
declare module 'oidc-provider' {
  // biome-ignore lint/suspicious/noExplicitAny: untyped JavaScript library
  const Provider: any;
  export default Provider;
  // biome-ignore lint/suspicious/noExplicitAny: untyped JavaScript library
  export const errors: any;
}
