// An appeal's timeline, oldest first: who acted (the office or the department, and for staff the person
// behind the step), when, what they wrote, and the photos of the line (a 补充说明's, an answer's before/after).
import { Text, View } from '@tarojs/components';
import type { TimelineEventView } from '@minqing/shared';
import { formatTime } from '@/utils/format';
import PhotoViewer from '@/components/photo-viewer';
import VoicePlayer from '@/components/voice-note/player';

interface TimelineProps {
  id: string;
  title: string;
  events: TimelineEventView[];
  /** The timeline with photo links still good (they last five minutes), read before a photo is enlarged. */
  fresh?: () => Promise<TimelineEventView[]>;
}

/** Whose photos a line shows, for their alt text: a reply's are the result's (the department's after-photos with the office's). */
function photosNoun(event: TimelineEventView): string {
  if (event.type === 'message') return `${event.actor}补充的`;
  return event.type === 'replied' ? '办理结果的' : `${event.actor}答复附的`;
}

export default function Timeline({ id, title, events, fresh }: TimelineProps) {
  return (
    <View className='mq-card'>
      <Text className='mq-label'>{title}</Text>
      <View className='timeline' id={id}>
        {events.map((event) => (
          <View key={event.id} className={`timeline__item timeline-item timeline-item--${event.type}`}>
            <View className='timeline__dot' />
            <View className='timeline__body'>
              <View className='timeline__meta'>
                <Text className='timeline__actor'>{event.actor}</Text>
                {event.person ? <Text className='timeline__person'> {event.person}</Text> : null} · {formatTime(event.at)}
              </View>
              {event.text && <View className='timeline__text'>{event.text}</View>}
              {event.voice && <VoicePlayer id={`voice-${event.id}`} src={event.voice.url ? `${API_BASE}${event.voice.url}` : null} seconds={event.voice.seconds} />}
              {event.photos && event.photos.length > 0 && (
                <PhotoViewer
                  id={`photos-${event.id}`}
                  photos={event.photos}
                  freshPhotos={async () => (fresh ? ((await fresh()).find((e) => e.id === event.id)?.photos ?? event.photos!) : event.photos!)}
                  altOf={(index, count) => `${photosNoun(event)}第 ${index + 1} 张照片(共 ${count} 张)`}
                />
              )}
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
