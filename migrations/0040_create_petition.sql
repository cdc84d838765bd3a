-- Citizens' feedback and recommendations (PAKN): categories with their deadlines, the directory of competent
-- authorities per unit, the cases themselves, their timeline, attachments, and the category classifier's counts.

CREATE TABLE petition_category (
  code text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,40}$'),
  name_vi text NOT NULL,
  name_en text NOT NULL,
  hint_vi text NOT NULL,
  hint_en text NOT NULL,
  -- Handling deadline once forwarded, in working days (Mon–Fri, public holidays excluded); configurable.
  deadline_days integer NOT NULL CHECK (deadline_days BETWEEN 1 AND 90),
  sort_order integer NOT NULL DEFAULT 0
);

INSERT INTO petition_category (code, name_vi, name_en, hint_vi, hint_en, deadline_days, sort_order) VALUES
  ('dat_dai', 'Đất đai, xây dựng', 'Land and construction',
   'Tranh chấp, lấn chiếm đất, cấp giấy chứng nhận, xây dựng trái phép, bồi thường giải phóng mặt bằng.',
   'Land disputes and encroachment, land-use certificates, illegal construction, compensation for clearance.', 15, 1),
  ('moi_truong', 'Môi trường', 'Environment',
   'Rác thải, nước thải, khói bụi, tiếng ồn, ô nhiễm nguồn nước.',
   'Waste, waste water, smoke and dust, noise, polluted water.', 10, 2),
  ('ha_tang', 'Giao thông, hạ tầng', 'Roads and infrastructure',
   'Đường hỏng, đèn chiếu sáng, cống thoát nước, cầu, điện, nước sạch.',
   'Damaged roads, street lights, drains, bridges, electricity, clean water.', 10, 3),
  ('an_ninh', 'An ninh, trật tự', 'Security and public order',
   'Trật tự công cộng, an toàn giao thông, tệ nạn xã hội.',
   'Public order, road safety, social evils.', 7, 4),
  ('y_te', 'Y tế', 'Health',
   'Khám chữa bệnh, bảo hiểm y tế, an toàn thực phẩm, dịch bệnh.',
   'Medical care, health insurance, food safety, epidemics.', 10, 5),
  ('giao_duc', 'Giáo dục', 'Education',
   'Trường lớp, học phí, các khoản thu, chất lượng dạy học.',
   'Schools, tuition and fees, quality of teaching.', 10, 6),
  ('chinh_sach', 'Chính sách xã hội', 'Social policy',
   'Trợ cấp, hộ nghèo, người có công, bảo hiểm xã hội, việc làm.',
   'Allowances, poor households, people with meritorious services, social insurance, jobs.', 15, 7),
  ('hanh_chinh', 'Thủ tục hành chính, cán bộ', 'Administrative procedures and officials',
   'Thủ tục chậm, phiền hà, thái độ, trách nhiệm của cán bộ, công chức.',
   'Slow or burdensome procedures, conduct and responsibility of officials.', 10, 8),
  ('khac', 'Khác', 'Other',
   'Những nội dung không thuộc các lĩnh vực trên.',
   'Anything not covered above.', 15, 9);

-- Competent authorities a case can be forwarded to, per unit (a commune's People's Committee, its police, …).
CREATE TABLE petition_authority (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id bigint NOT NULL REFERENCES unit (id),
  unit_code text NOT NULL,
  unit_path ltree NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
  email text,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (unit_id, name)
);
CREATE INDEX petition_authority_path_idx ON petition_authority USING gist (unit_path);

CREATE TABLE petition (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- SHA-256 of the tracking code: the code itself is a bearer secret held only by the citizen.
  code_hash bytea NOT NULL UNIQUE,
  -- The Front that receives the case: the unit the citizen chose (or the one it was transferred to).
  unit_id bigint NOT NULL REFERENCES unit (id),
  unit_code text NOT NULL,
  unit_path ltree NOT NULL,
  unit_level text NOT NULL CHECK (unit_level IN ('central', 'province', 'commune')),
  province_code text,
  category text NOT NULL REFERENCES petition_category (code),
  category_confirmed boolean NOT NULL DEFAULT false,
  field text,
  title text NOT NULL,
  content text NOT NULL,
  address text,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  -- Personal data (Law 91/2025): never published, never logged; staff reading them is audited.
  sender_name text NOT NULL,
  sender_phone text NOT NULL,
  sender_email text,
  hide_name boolean NOT NULL DEFAULT false,
  photos_public boolean NOT NULL DEFAULT false,
  consent_at timestamptz NOT NULL,
  -- The verified citizen (VNeID) who sent it, when signed in; null for anonymous submissions.
  citizen_id text,
  ip_hash bytea,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'accepted', 'forwarded', 'in_progress',
    'answered', 'closed', 'rejected', 'transferred', 'reopened')),
  assigned_to text,
  assigned_name text,
  reject_reason text CHECK (reject_reason IN ('out_of_scope', 'duplicate', 'abusive')),
  reject_note text,
  duplicate_of bigint REFERENCES petition (id),
  authority_id bigint REFERENCES petition_authority (id),
  authority_path ltree,
  forwarded_at timestamptz,
  due_date date,
  reminded_at timestamptz,
  answer_text text,
  answered_at timestamptz,
  answered_by text,
  answered_on_paper boolean NOT NULL DEFAULT false,
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  rating_resolved boolean,
  rating_comment text,
  rated_at timestamptz,
  reopen_count smallint NOT NULL DEFAULT 0,
  published boolean NOT NULL DEFAULT false,
  published_at timestamptz,
  public_title text,
  public_content text,
  public_answer text,
  public_show_photos boolean NOT NULL DEFAULT false,
  public_folded text,
  received_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  is_demo boolean NOT NULL DEFAULT false
);
-- The inbox: within a subtree, newest first.
CREATE INDEX petition_inbox_idx ON petition USING gist (unit_path);
CREATE INDEX petition_province_received_idx ON petition (province_code, received_at DESC);
CREATE INDEX petition_unit_received_idx ON petition (unit_id, received_at DESC);
CREATE INDEX petition_authority_path_idx2 ON petition USING gist (authority_path) WHERE authority_path IS NOT NULL;
CREATE INDEX petition_due_idx ON petition (due_date) WHERE status IN ('forwarded', 'in_progress', 'reopened');
CREATE INDEX petition_phone_idx ON petition (sender_phone, received_at DESC);
CREATE INDEX petition_ip_idx ON petition (ip_hash, received_at DESC);
CREATE INDEX petition_citizen_idx ON petition (citizen_id) WHERE citizen_id IS NOT NULL;
CREATE INDEX petition_published_idx ON petition (published_at DESC) WHERE published;
CREATE INDEX petition_public_trgm_idx ON petition USING gin (public_folded gin_trgm_ops) WHERE published;

-- The timeline: status changes, assignments, notes (internal unless public), views of contact details are in
-- the audit log.
CREATE TABLE petition_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  petition_id bigint NOT NULL REFERENCES petition (id),
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  from_status text,
  to_status text,
  actor_id text,
  actor_name text,
  note text,
  public boolean NOT NULL DEFAULT false
);
CREATE INDEX petition_event_petition_idx ON petition_event (petition_id, id);

CREATE TABLE petition_attachment (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  petition_id bigint NOT NULL REFERENCES petition (id),
  kind text NOT NULL CHECK (kind IN ('citizen', 'answer')),
  filename text NOT NULL,
  mime text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'application/pdf')),
  size integer NOT NULL,
  width integer,
  height integer,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX petition_attachment_petition_idx ON petition_attachment (petition_id, id);

-- Naive Bayes counts, trained only on categories staff confirmed.
CREATE TABLE petition_classifier_token (
  category text NOT NULL REFERENCES petition_category (code),
  token text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (token, category)
);
CREATE TABLE petition_classifier_class (
  category text PRIMARY KEY REFERENCES petition_category (code),
  documents integer NOT NULL DEFAULT 0,
  tokens integer NOT NULL DEFAULT 0
);
