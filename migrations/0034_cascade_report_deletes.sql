-- Removing units (the demo villages) removes their reports, profiles and cadres with them; the next reconciliation
-- sees units that no longer exist and rebuilds the roll-ups from the reports that remain.
ALTER TABLE report DROP CONSTRAINT report_organisation_id_fkey,
  ADD CONSTRAINT report_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id) ON DELETE CASCADE;
ALTER TABLE report DROP CONSTRAINT report_unit_id_fkey,
  ADD CONSTRAINT report_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES unit (id) ON DELETE CASCADE;
ALTER TABLE org_profile_version DROP CONSTRAINT org_profile_version_organisation_id_fkey,
  ADD CONSTRAINT org_profile_version_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id)
    ON DELETE CASCADE;
ALTER TABLE cadre DROP CONSTRAINT cadre_organisation_id_fkey,
  ADD CONSTRAINT cadre_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation (id) ON DELETE CASCADE;
ALTER TABLE cadre DROP CONSTRAINT cadre_unit_id_fkey,
  ADD CONSTRAINT cadre_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES unit (id) ON DELETE CASCADE;
