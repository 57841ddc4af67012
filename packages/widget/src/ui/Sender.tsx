import type { SurveyDefinition } from '@npskit/core/schema';

/** The optional personal sender: a face and a name make people answer (and answer honestly). */
export function Sender({ sender }: { sender: NonNullable<SurveyDefinition['sender']> }) {
  return (
    <div class="sender">
      {sender.avatarUrl && <img src={sender.avatarUrl} alt="" width={36} height={36} />}
      <span>
        {sender.name}
        {sender.title && <small>{sender.title}</small>}
      </span>
    </div>
  );
}
