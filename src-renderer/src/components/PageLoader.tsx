import { Center, Loader } from '@mantine/core';

/** While a page's first data loads. */
export function PageLoader() {
  return (
    <Center h={200}>
      <Loader aria-label="Loading" />
    </Center>
  );
}
