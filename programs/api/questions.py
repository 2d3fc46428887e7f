"""Questions to activities: asked by participants' organisations, answered, grouped and published."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action

from accounts.api.base import RegistryViewSet
from accounts.api.permissions import require
from programs.api.serializers import (
    QuestionAnswerSerializer,
    QuestionCreateSerializer,
    QuestionGroupSerializer,
    QuestionPublishSerializer,
    QuestionSerializer,
)
from programs.filters import QuestionFilter
from programs.rules import ONLY_ACTIVITY_MANAGERS, ONLY_PARTICIPANT_CLERKS, can_ask_questions, can_organise_activities
from programs.selectors.questions import question_get, question_list
from programs.services.questions import question_answer, question_ask, question_group, question_set_published


@extend_schema_view(create=extend_schema(request=QuestionCreateSerializer, responses={201: QuestionSerializer}))
class QuestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, RegistryViewSet):
    """Questions to activities: participants' organisations ask before and during; organisers answer,
    group and publish. Published answers are visible to everyone who sees the activity."""

    serializer_class = QuestionSerializer
    filterset_class = QuestionFilter
    search_fields = ["text", "answer"]
    ordering_fields = ["id", "asked_at", "answered_at"]
    selector_get = staticmethod(question_get)

    def get_queryset(self):
        return question_list(actor=self.request.user)

    def create(self, request, *args, **kwargs):
        require(can_ask_questions(request.user), ONLY_PARTICIPANT_CLERKS)
        data = self.validated(QuestionCreateSerializer)
        question = question_ask(actor=request.user, request=request, **data)
        return self.respond(question, status.HTTP_201_CREATED)

    def _managed(self, request):
        require(can_organise_activities(request.user), ONLY_ACTIVITY_MANAGERS)
        return self.get_object()

    @extend_schema(
        operation_id="questions_answer",
        request=QuestionAnswerSerializer,
        responses={200: QuestionSerializer, 403: OpenApiResponse(description=ONLY_ACTIVITY_MANAGERS)},
    )
    @action(detail=True, methods=["post"], url_path="answer", url_name="answer")
    def answer(self, request, *args, **kwargs):
        question = self._managed(request)
        data = self.validated(QuestionAnswerSerializer)
        question = question_answer(actor=request.user, question=question, request=request, **data)
        return self.respond(question)

    @extend_schema(
        operation_id="questions_publish",
        request=QuestionPublishSerializer,
        responses={200: QuestionSerializer, 403: OpenApiResponse(description=ONLY_ACTIVITY_MANAGERS)},
    )
    @action(detail=True, methods=["post"], url_path="publish", url_name="publish")
    def publish(self, request, *args, **kwargs):
        question = self._managed(request)
        data = self.validated(QuestionPublishSerializer)
        question = question_set_published(actor=request.user, question=question, request=request, **data)
        return self.respond(question)

    @extend_schema(
        operation_id="questions_group",
        request=QuestionGroupSerializer,
        responses={200: QuestionSerializer, 403: OpenApiResponse(description=ONLY_ACTIVITY_MANAGERS)},
    )
    @action(detail=True, methods=["post"], url_path="group", url_name="group")
    def group(self, request, *args, **kwargs):
        question = self._managed(request)
        data = self.validated(QuestionGroupSerializer)
        question = question_group(actor=request.user, question=question, label=data["label"], request=request)
        return self.respond(question)


urlpatterns: list = []


def register(router) -> None:
    router.register("questions", QuestionViewSet, basename="question")
