// Row types of events: matchmaking forums, supply–demand fairs, skills competitions, board and
// committee meetings, open days, career days and teacher trainings, with their counts.
import type { Generated } from 'kysely';

export const eventKinds = ['matchmaking_forum', 'supply_demand_fair', 'skills_competition', 'board_meeting', 'committee_meeting', 'open_day', 'career_day', 'teacher_training'] as const;

export interface EventsTable {
  tenant_id: string;
  id: Generated<string>;
  kind: (typeof eventKinds)[number];
  title: string;
  held_on: string;
  organiser_id: string | null;
  participants: string | null;
  enterprise_count: Generated<number>;
  agreements_signed: Generated<number>;
  attendee_count: Generated<number>;
  minutes_attachment_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}
