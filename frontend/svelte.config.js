// Svelte compiler options: runes mode everywhere (Svelte 5 syntax only). TypeScript in
// <script lang="ts"> needs no preprocessor.
export default {
  compilerOptions: { runes: true },
};
