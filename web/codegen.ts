import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the committed schema.graphql (no server needed, works offline).
// `npm run web:codegen` rewrites web/src/gql/ (committed); scripts/build-web.mjs runs it before each build.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTimeISO: 'string', LocalDate: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};
export default config;
