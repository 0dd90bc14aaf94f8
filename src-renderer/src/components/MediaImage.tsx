import { Image, type ImageProps } from '@mantine/core';
import { useStudio } from '../api/studio-context';

/** An image the studio serves (thumbnail, generated image, training sample) from its media id. */
export function MediaImage({ media, alt, ...props }: ImageProps & { media: string; alt: string }) {
  const client = useStudio();
  return <Image src={client.mediaUrl(media)} alt={alt} loading="lazy" {...props} />;
}
