"""One sentence per kind of audit event, as the history pages show it (audit.words).

``%(actor)s`` is who acted (an official's name, the family, the portal), ``%(subject)s`` what the
event is about (an application or change number, a Family ID, a member's name and Member ID).
Every event type the code writes has a sentence here: tests/audit/test_history_words.py scans
the source and fails for one that has none."""

from django.utils.translation import gettext_lazy as _

SENTENCES = {
    "official.registered": _("%(actor)s registered the official %(subject)s."),
    "official.updated": _("%(actor)s changed the details of the official %(subject)s."),
    "official.activated": _("%(actor)s activated the official %(subject)s."),
    "official.deactivated": _("%(actor)s deactivated the official %(subject)s."),
    "official.password_reset": _("%(actor)s reset the password of %(subject)s."),
    "official.password_changed": _("%(actor)s changed the password of %(subject)s."),
    "official.locked_out": _("The account of %(subject)s was locked after failed sign-ins."),
    "official.sign_in_paused": _(
        "After many failed sign-ins, %(subject)s was sent a code by SMS to sign in."
    ),
    "geography.imported": _("%(actor)s imported the list of places."),
    "aadhaar.stored": _("%(actor)s stored an Aadhaar number in the vault."),
    "aadhaar.revealed": _("%(actor)s decrypted a stored Aadhaar number."),
    "aadhaar.rekeyed": _("A stored Aadhaar number was re-encrypted under a new key."),
    "member.ekyc_verified": _("%(actor)s verified the Aadhaar e-KYC of %(subject)s."),
    "member.mobile_linked": _("%(actor)s linked a mobile number to %(subject)s."),
    "member.mobile_change_requested": _(
        "%(actor)s asked to change the mobile number linked to %(subject)s."
    ),
    "member.mobile_change_verified": _(
        "%(actor)s verified the change of the mobile number linked to %(subject)s."
    ),
    "member.mobile_change_rejected": _(
        "%(actor)s rejected the change of the mobile number linked to %(subject)s."
    ),
    "application.created": _("%(actor)s started application %(subject)s."),
    "application.edited": _("%(actor)s edited application %(subject)s."),
    "application.submitted": _("%(actor)s submitted application %(subject)s for verification."),
    "application.resubmitted": _(
        "%(actor)s corrected application %(subject)s and submitted it again."
    ),
    "application.returned": _("%(actor)s returned application %(subject)s for correction."),
    "application.rejected": _("%(actor)s rejected application %(subject)s."),
    "application.approved": _(
        "%(actor)s approved application %(subject)s and the family was registered."
    ),
    "application.duplicates_found": _(
        "%(actor)s checked application %(subject)s for duplicates: possible matches were found."
    ),
    "application.duplicate_decided": _(
        "%(actor)s decided on a possible duplicate in application %(subject)s."
    ),
    "application.document_attached": _("%(actor)s attached a document to application %(subject)s."),
    "application.document_removed": _("%(actor)s took a document off application %(subject)s."),
    "application.self_filed": _("%(actor)s filed application %(subject)s on the portal."),
    "application.sent_back": _("%(actor)s sent application %(subject)s back to the family."),
    "family.registered": _("%(actor)s registered family %(subject)s."),
    "family.migrated": _("%(actor)s moved family %(subject)s to another area (migration)."),
    "family.split_off": _("Family %(subject)s was formed by a split; %(actor)s approved it."),
    "family.merged": _(
        "Family %(subject)s was merged into another family and its Family ID retired; "
        "%(actor)s approved it."
    ),
    "migration.eauthenticated": _(
        "%(actor)s confirmed the identity of %(subject)s by Aadhaar for a migration."
    ),
    "migration.submitted": _("%(actor)s submitted migration request %(subject)s."),
    "migration.withdrawn": _("%(actor)s withdrew migration request %(subject)s."),
    "migration.approved": _("%(actor)s approved migration request %(subject)s."),
    "migration.rejected": _("%(actor)s rejected migration request %(subject)s."),
    "change.requested": _("%(actor)s asked for change %(subject)s."),
    "change.reported": _("%(actor)s reported change %(subject)s on the portal."),
    "change.applied": _("%(actor)s applied a change to family %(subject)s."),
    "change.approved": _("%(actor)s approved change request %(subject)s."),
    "change.rejected": _("%(actor)s rejected change request %(subject)s."),
    "register.batch_imported": _("%(actor)s imported a batch of the register."),
    "register.batch_rejected": _("%(actor)s rejected a batch of the register."),
    "duplicates.swept": _("%(actor)s ran the statewide search for duplicates."),
    "duplicates.cluster_decided": _("%(actor)s decided a group of possible duplicates."),
    "duplicates.reported": _(
        "%(actor)s reported that %(subject)s and another Member ID are one person."
    ),
    "duplicates.report_dismissed": _(
        "%(actor)s dismissed a report on %(subject)s: not one person."
    ),
    "duplicates.report_resolved": _(
        "%(actor)s acted on a reported duplicate of %(subject)s (merged or deactivated)."
    ),
    "member.merged": _(
        "%(actor)s merged the Member ID of %(subject)s into another; this one is retired."
    ),
    "member.merge_kept": _("%(actor)s merged another Member ID into that of %(subject)s."),
    "member.merge_undone": _("%(actor)s undid a merge of the Member ID of %(subject)s."),
    "member.deactivation_notice": _("%(actor)s gave notice that %(subject)s is to be deactivated."),
    "member.deactivation_objected": _(
        "%(actor)s recorded an objection to the deactivation of %(subject)s."
    ),
    "member.notice_withdrawn": _("%(actor)s withdrew the deactivation of %(subject)s."),
    "member.deactivated": _("%(actor)s deactivated %(subject)s."),
    "member.reactivated": _("%(actor)s reactivated %(subject)s."),
    "member.moved": _("%(actor)s moved %(subject)s to another family."),
    "api.client_registered": _("%(actor)s registered the department API client %(subject)s."),
    "api.client_changed": _("%(actor)s changed the department API client %(subject)s."),
    "api.secret_rotated": _("%(actor)s replaced the secret of the API client %(subject)s."),
    "api.client_revoked": _("%(actor)s revoked the department API client %(subject)s."),
    "grievance.filed": _("%(actor)s filed grievance %(subject)s."),
    "grievance.replied": _("%(actor)s replied to grievance %(subject)s."),
    "grievance.closed": _("%(actor)s closed grievance %(subject)s."),
    "grievance.accepted": _("%(actor)s accepted the closure of grievance %(subject)s."),
    "grievance.accepted_automatically": _(
        "The closure of grievance %(subject)s was accepted: the family did not reopen it in time."
    ),
    "grievance.reopened": _("%(actor)s reopened grievance %(subject)s."),
    "grievance.escalated": _("Grievance %(subject)s moved up a level: its deadline had passed."),
    "work.escalated_to_local_body": _(
        "%(subject)s stayed overdue too long and was escalated to the local body officer."
    ),
    "work.escalated_to_district": _(
        "%(subject)s stayed overdue too long and was escalated to the district officer."
    ),
    "work.unowned_to_local_body": _(
        "%(subject)s had nobody to act on it and was sent to the local body officer."
    ),
    "work.unowned_to_district": _(
        "%(subject)s had nobody to act on it and was sent to the district officer."
    ),
    "work.assigned": _("%(actor)s gave %(subject)s to an official to act on it."),
    "lists.export_requested": _("%(actor)s asked for an export of a list (number %(subject)s)."),
    "lists.export_downloaded": _("%(actor)s downloaded an exported list (number %(subject)s)."),
}

# An event type the code does not write any more (or writes before this table knows it) still
# reads as a sentence, with its label from audit.models.EVENT_LABELS when it has one.
GENERIC = _("%(actor)s: %(what)s (%(subject)s).")
UNKNOWN_EVENT = _("A change was recorded")
