// Runs GraphQL Code Generator's programmatic `generate` (saving the files) with the config given as
// JSON in argv[2], and prints the names of the files written. A process of its own because the
// generator's dependencies are ES modules, which jest's CommonJS runtime cannot require.
import process from 'node:process';
import { generate } from '@graphql-codegen/cli';

const files = await generate(JSON.parse(process.argv[2]), true);
process.stdout.write(JSON.stringify(files.map((file) => file.filename)));
