from django.db import models

from caredesk.intelligence.choices import Target


class ModelVersion(models.Model):
    """One trained classifier for one target, with the evaluation it earned on held-out tickets.

    At most one version per target is active; rolling back activates an older one again.
    """

    target = models.CharField(max_length=20, choices=Target.choices)
    created_at = models.DateTimeField()
    trained_on = models.PositiveIntegerField()  # labelled tickets the final model learnt from
    # classifier.Evaluation.as_dict(): accuracy, macro_f1, the majority and the balanced/unbalanced
    # linear baselines, labels, confusion, split sizes, and class_weighting with the
    # cross-validation that chose it (model_selection).
    metrics = models.JSONField(default=dict)
    # joblib of classifier.TextClassifier. Loading a pickle runs code, so caredesk loads only
    # artefacts it wrote itself: each carries an HMAC of its bytes keyed by SECRET_KEY
    # (``services/artefacts.py``), and one that fails the check is refused, never unpickled.
    artefact = models.BinaryField(editable=False)
    artefact_signature = models.CharField(max_length=64, editable=False)
    is_active = models.BooleanField(default=False)

    class Meta:
        ordering = ["target", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["target"],
                condition=models.Q(is_active=True),
                name="one_active_model_per_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} model v{self.pk}"
