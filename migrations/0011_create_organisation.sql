-- The Front and the five socio-political organisations at each unit (≈ 570,000 rows nationally).
-- province_code is carried so that the table can be distributed by province.
CREATE TABLE organisation (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id bigint NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
  org_type text NOT NULL
    CHECK (org_type IN ('front', 'trade_union', 'youth_union', 'womens_union', 'farmers_union', 'veterans')),
  name text NOT NULL,
  province_code text,
  valid_from date NOT NULL,
  valid_to date,
  is_demo boolean NOT NULL DEFAULT false,
  UNIQUE (unit_id, org_type, valid_from)
);
CREATE INDEX organisation_unit_idx ON organisation (unit_id, org_type);
CREATE INDEX organisation_province_idx ON organisation (province_code, org_type);

-- The official name of an organisation at a unit (see GLOSSARY). Unit types are lower case in these names
-- ("Hội Nông dân xã X"), so no locale-dependent capitalisation is needed in SQL.
CREATE FUNCTION organisation_name(org_type text, level text, unit_type text, unit_name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE
    WHEN level = 'central' THEN CASE org_type
      WHEN 'front' THEN 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam'
      WHEN 'trade_union' THEN 'Tổng Liên đoàn Lao động Việt Nam'
      WHEN 'youth_union' THEN 'Trung ương Đoàn TNCS Hồ Chí Minh'
      WHEN 'womens_union' THEN 'Trung ương Hội Liên hiệp Phụ nữ Việt Nam'
      WHEN 'farmers_union' THEN 'Trung ương Hội Nông dân Việt Nam'
      WHEN 'veterans' THEN 'Trung ương Hội Cựu chiến binh Việt Nam'
    END
    WHEN level = 'village' THEN CASE org_type
      WHEN 'front' THEN 'Ban Công tác Mặt trận '
      WHEN 'youth_union' THEN 'Chi đoàn '
      WHEN 'womens_union' THEN 'Chi hội Phụ nữ '
      WHEN 'farmers_union' THEN 'Chi hội Nông dân '
      WHEN 'veterans' THEN 'Chi hội Cựu chiến binh '
    END || unit_type || ' ' || unit_name
    WHEN org_type = 'youth_union' AND level = 'province' THEN
      CASE WHEN unit_type = 'thành phố' THEN 'Thành đoàn ' ELSE 'Tỉnh đoàn ' END || unit_name
    ELSE CASE org_type
      WHEN 'front' THEN 'Ủy ban Mặt trận Tổ quốc Việt Nam '
      WHEN 'trade_union' THEN CASE WHEN level = 'province' THEN 'Liên đoàn Lao động ' ELSE 'Công đoàn ' END
      WHEN 'youth_union' THEN 'Đoàn '
      WHEN 'womens_union' THEN 'Hội Liên hiệp Phụ nữ '
      WHEN 'farmers_union' THEN 'Hội Nông dân '
      WHEN 'veterans' THEN 'Hội Cựu chiến binh '
    END || unit_type || ' ' || unit_name
  END;
